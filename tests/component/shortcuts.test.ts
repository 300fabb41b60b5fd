// Keyboard shortcuts map to the same actions as the Electron menu.
import { describe, expect, it } from 'vitest';
import { shortcutFor } from '../../src/renderer/src/composables/useShortcuts.ts';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe('shortcutFor', () => {
  it('maps Ctrl (and Cmd) shortcuts to menu actions', () => {
    expect(shortcutFor(key('o', { ctrl: true }))).toBe('open-csv');
    expect(shortcutFor(key('o', { meta: true }))).toBe('open-csv');
    expect(shortcutFor(key('s', { ctrl: true }))).toBe('save-report');
    expect(shortcutFor(key('r', { ctrl: true }))).toBe('run-parallel');
    expect(shortcutFor(key('R', { ctrl: true, shift: true }))).toBe('run-serial');
    expect(shortcutFor(key('e', { meta: true }))).toBe('compare');
    expect(shortcutFor(key('Escape'))).toBe('cancel');
  });

  it('leaves everything else to the browser', () => {
    expect(shortcutFor(key('r'))).toBeNull();
    expect(shortcutFor(key('s', { ctrl: true, alt: true }))).toBeNull();
    expect(shortcutFor(key('c', { ctrl: true }))).toBeNull();
    expect(shortcutFor(key('Escape', { ctrl: true }))).toBeNull();
  });
});
