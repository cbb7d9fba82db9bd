/** README.md and docs/*.md, or the given files, as absolute paths. */
export function docFiles(args?: string[]): string[];
/** Every ts block of a Markdown text, with the line of its first code line. */
export function extractSnippets(markdown: string): Array<{ line: number; code: string }>;
/** Compiles the ts blocks of `files`; errors as `page:LINE:COL: error TSnnnn: ...`. */
export function checkSnippets(files: string[]): { count: number; errors: string[] };
/** deploy/lib/channel-flow-processor.ts and the files it imports by relative path. */
export function constructFiles(): string[];
