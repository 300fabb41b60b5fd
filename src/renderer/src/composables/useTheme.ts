// The colour theme: the user's choice (system / light / dark), remembered in localStorage, and the
// theme in effect, which follows the OS live while the choice is "system". The CSS keys off
// <html data-theme>, the charts off useDark().
import { computed, ref, watchEffect, type ComputedRef, type Ref } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'clusterbench.theme';

interface Theme {
  choice: Ref<ThemeChoice>;
  dark: ComputedRef<boolean>;
}

let shared: Theme | null = null;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be switched off; the theme then lasts for the session
  }
}

function readChoice(): ThemeChoice {
  const v = storage()?.getItem(THEME_KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

export function useTheme(): Theme {
  if (shared) return shared;
  const mq = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const osDark = ref(mq?.matches ?? false);
  mq?.addEventListener?.('change', (e) => {
    osDark.value = e.matches;
  });
  const choice = ref<ThemeChoice>(readChoice());
  const dark = computed(() => (choice.value === 'system' ? osDark.value : choice.value === 'dark'));
  watchEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.dataset.theme = dark.value ? 'dark' : 'light';
    const store = storage();
    if (choice.value === 'system') store?.removeItem(THEME_KEY);
    else store?.setItem(THEME_KEY, choice.value);
  });
  shared = { choice, dark };
  return shared;
}

/** True while the dark theme is in effect (charts redraw with ECharts' dark theme). */
export function useDark(): ComputedRef<boolean> {
  return useTheme().dark;
}
