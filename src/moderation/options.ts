// The rules' option checks are the package's one set (src/options.ts).
export { booleanOption, knownKeys, numberIn, oneOf, optionsObject, stringList } from '../options.js';
