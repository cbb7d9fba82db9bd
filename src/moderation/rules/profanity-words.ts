/**
 * The built-in English profanity list: written for this package (not copied from
 * a third-party list), from common usage, and checked against the `cuss` ratings
 * and the `obscenity` English dataset in test/moderation/profanity-quality.test.ts.
 *
 * Syntax: `word` matches the whole word only, `word*` a word starting with it,
 * `*word` a word ending with it, `*word*` anywhere in a word; a space makes a
 * two-word phrase. Substring forms (`*fuck*`) are kept to stems no innocent
 * English word contains; the rest are whole words with their inflections listed,
 * which is what keeps `cockpit`, `cumin`, `analgesic`, `grape` and `Sussex` clean.
 */
export const PROFANITY_FORMS: readonly string[] = [
  // Strong stems, matched anywhere in a word (motherfucker, bullshit, dumbfuck).
  '*fuck*', '*fuk*', '*fuq*', '*fvck*', '*phuck*', '*phuk*', '*shit*', '*shyt*', '*cunt*', '*bitch*', '*biatch*',
  '*nigger*', '*nigga*', '*whore*', '*wank*', '*dildo*', '*blowjob*', '*handjob*', '*rimjob*', '*jizz*',
  '*cocksuck*', '*asshole*', '*arsehole*', '*bastard*', '*faggot*', '*dickhead*', '*bollock*', '*twat*',
  '*masturbat*', '*ejaculat*', '*fellat*', '*gangbang*', '*buttplug*', '*deepthroat*', '*doggystyle*',
  '*lubejob*', '*porn*',
  // Whole words with their inflections.
  'fck', 'fcking', 'fcker', 'stfu', 'wtf', 'gtfo', 'mofo',
  'ass', 'asses', 'asshat', 'asshats', 'asswipe', 'assclown', 'dumbass', 'jackass', 'smartass', 'fatass', 'badass', 'lardass', 'kissass',
  'arse', 'arses', 'arsed',
  'cock', 'cocks', 'cockhead',
  'dick', 'dicks', 'dickface', 'dickish', 'dickwad',
  'cum', 'cums', 'cumming', 'cummed', 'cumshot', 'cumshots', 'cumslut',
  'anal', 'anus', 'butthole', 'buttholes',
  'tit', 'tits', 'titty', 'titties', 'boob', 'boobs', 'boobies', 'booby',
  'pussy', 'pussies', 'vagina', 'vaginas', 'penis', 'penises', 'clit', 'clits', 'clitoris',
  'piss', 'pissed', 'pisses', 'pissing', 'pisser', 'pissy', 'pisshead',
  'slut', 'sluts', 'slutty', 'skank', 'skanks', 'skanky', 'hooker', 'hookers', 'thot',
  'prick', 'pricks', 'douche', 'douches', 'douchebag', 'douchebags', 'tosser', 'tossers', 'bugger', 'buggers',
  'turd', 'turds',   'sex', 'sexy', 'semen', 'orgasm', 'orgasms', 'orgy', 'orgies', 'horny', 'hentai', 'incest', 'bestiality',
  'rape', 'raped', 'rapes', 'raping', 'rapist', 'rapists', 'felch', 'felching', 'fisting', 'queef', 'scat',
  'jerk off', 'jerkoff', 'jerking off', 'finger bang', 'double penetration', 'blow job', 'hand job',
  'cuck', 'cucks', 'cuckold', 'cuckolds',
  // Slurs.
  'fag', 'fags', 'faggy', 'dyke', 'dykes', 'tranny', 'trannies', 'retard', 'retards', 'retarded', 'spastic', 'spaz',
  'kike', 'kikes', 'chink', 'chinks', 'chingchong', 'ching chong', 'gook', 'gooks', 'spic', 'spics', 'wetback', 'wetbacks',
  'coon', 'coons', 'negro', 'negroes', 'paki', 'pakis', 'abo', 'abos', 'abeed', 'africoon', 'arabush', 'boonga', 'raghead', 'towelhead',
  'nig', 'nigs', 'niglet', 'nignog', 'nigguh', 'nigra', 'nigress', 'wigger', 'wigga', 'jigaboo', 'spick', 'spik', 'kyke', 'kunt', 'kum',
  'jism', 'jizm', 'jiz', 'schlong', 'boner', 'poontang', 'quim', 'sodomy', 'sodomize', 'sodomise', 'lesbo', 'lezbo', 'dago', 'wop', 'wog',
  'polack', 'ragheads', 'redskin', 'redskins', 'sambo', 'golliwog', 'milf', 'upskirt', 'cameltoe', 'cornhole', 'fubar', 'fugly', 'hardon',
  'muffdiver', 'fudgepacker', 'spunk', 'bullcrap', 'beaner', 'beaners', 'pickaninny', 'zipperhead', 'spearchucker', 'porchmonkey', 'junglebunny',
  ...compounds('ass', 'bag bagger blaster clown cowboy face fuck head jockey kiss kisser lick licker monkey munch muncher wipe man pirate'),
  ...compounds('cock', 'block blocker knob licker lover rider smoker sucker tease head'),
  ...compounds('cum', 'bubble dump fest jockey queen slut shot'),
  ...compounds('dick', 'brain less lick licker weed head face wad'),
  ...compounds('butt', 'bang face fuck head hole munch muncher pirate plug'),
  ...compounds('pussy', 'eater licker lips lover pounder'),
  ...compounds('tit', 'job licker lover fuck'),
  ...compounds('suckmy', 'ass dick tit cock'),
];

/** A head word joined with each suffix: `compounds('ass', 'hat wipe')` -> asshat, asswipe. */
function compounds(head: string, suffixes: string): string[] {
  return suffixes.split(' ').flatMap((suffix) => [head + suffix, `${head + suffix}s`]);
}

/**
 * Innocent words that contain a substring stem: the Scunthorpe problem. Whole
 * words, compared after folding; extended by the rule's `allow` option.
 */
export const INNOCENT_WORDS: readonly string[] = [
  'scunthorpe', 'shiitake', 'shitake', 'matsushita', 'assess', 'niggard', 'niggardly', 'niggardliness', 'snigger', 'sniggers', 'sniggered', 'sniggering',
  'swank', 'swanky', 'swankier', 'swankiest', 'twattle', 'shitsuke', 'fukushima', 'fukuoka', 'fukuyama', 'fuku', 'fukuda', 'phuket', 'fuquay', 'wankel', 'shitterton',
  'bastardise', 'bastardize', 'bastardised', 'bastardized', 'mishit', 'mishits', 'mishitting', 'shittim',
];
