// Keyboard shortcuts and Electron menu actions map onto the same handful of app actions.
import { onBeforeUnmount, onMounted } from 'vue';
import type { MenuAction } from '../../../shared/contract/api.ts';

export type ShortcutHandlers = Record<MenuAction, () => void>;

/** The action a key press asks for, or null. Ctrl on Linux/Windows, Cmd on macOS. */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuAction | null {
  if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey) return 'cancel';
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case 'o':
      return e.shiftKey ? null : 'open-csv';
    case 's':
      return e.shiftKey ? null : 'save-report';
    case 'r':
      return e.shiftKey ? 'run-serial' : 'run-parallel';
    case 'e':
      return e.shiftKey ? null : 'compare';
    default:
      return null;
  }
}

/**
 * Installs the shortcuts while `enabled()` holds. Electron's application menu owns the same
 * accelerators and sends them as menu events, so there the page must not handle them too (one key
 * press would run twice).
 */
export function useShortcuts(handlers: ShortcutHandlers, enabled: () => boolean = () => true): void {
  const onKey = (e: KeyboardEvent) => {
    if (!enabled()) return;
    const action = shortcutFor(e);
    if (!action) return;
    // Ctrl+R / Ctrl+S / Ctrl+O would otherwise reload, save or open in a browser tab.
    e.preventDefault();
    handlers[action]();
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
