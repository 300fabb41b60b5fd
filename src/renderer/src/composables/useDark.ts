// Follows the OS light/dark preference (prefers-color-scheme), live.
import { ref, type Ref } from 'vue';

let shared: Ref<boolean> | null = null;

export function useDark(): Ref<boolean> {
  if (shared) return shared;
  const mq = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const dark = ref(mq?.matches ?? false);
  mq?.addEventListener?.('change', (e) => {
    dark.value = e.matches;
  });
  shared = dark;
  return dark;
}
