// Keyboard shortcuts of the builder. Delete/Backspace is xyflow's own (deleteKeyCode); these add undo, redo, copy,
// paste and save. Keys typed into a form field are left alone, so Ctrl+Z there undoes text, not the canvas.
import { useEffect, useRef } from 'react';
import type { FlowStore } from '../store/flowStore';

function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useBuilderShortcuts(store: FlowStore, onSave: () => void) {
  const save = useRef(onSave);
  save.current = onSave;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        save.current();
        return;
      }
      if (typingInField(event.target) || document.querySelector('[aria-modal="true"]')) return;
      if (key === 'z' && !event.shiftKey) store.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') store.redo();
      else if (key === 'c') {
        if (!store.copySelection()) return;
      } else if (key === 'v') store.paste();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
