// The repository's lint policy plus Microsoft's Office.js rules (eslint-plugin-office-addins).
// Its own flat "recommended" config also turns on prettier and an older typescript-eslint parser,
// so its rules are wired here by hand, every one as an error: they catch unloaded reads and syncs
// in loops that office-addin-mock lets through.
import officeAddins from 'eslint-plugin-office-addins';
import root from '../../eslint.config.mjs';

const officeRules = Object.fromEntries(Object.keys(officeAddins.rules).map((name) => [`office-addins/${name}`, 'error']));

export default [
  ...root,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
];
