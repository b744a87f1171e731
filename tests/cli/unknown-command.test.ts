/**
 * A command Imprint does not have (usage-text.ts): the message names the likely one when a
 * command is near (`biuld`: "build"), and only the command when none is.
 */
import { describe, expect, it } from 'vitest';
import { commandNames, unknownCommandMessage } from '../../src/usage-text.js';

describe('an unknown command', () => {
  it('says the likely command when one is near, else only that there is none of that name', () => {
    expect(commandNames()).toEqual(['init', 'build', 'check', 'fonts', 'watch', 'diff', 'import', 'clean', 'extract', 'help']);
    expect(unknownCommandMessage('biuld')).toBe('unknown command "biuld": did you mean "build"?');
    expect(unknownCommandMessage('wacth')).toBe('unknown command "wacth": did you mean "watch"?');
    expect(unknownCommandMessage('--verison')).toBe('unknown command "--verison": did you mean "--version"?');
    expect(unknownCommandMessage('compile')).toBe('unknown command "compile"');
  });
});
