import { useRef, type ChangeEvent, type ReactNode } from 'react';
import { chosenFromInput, desktopFilePicker, type ChosenFile } from '../api/uploads';
import type { PickFilesRequest } from '../../shared/uploads';

export interface FilePickerOptions {
  /** What the dialog offers (an extension `*` offers every file); a browser's input gets the same as `accept`. */
  filters: PickFilesRequest['filters'];
  multiple?: boolean;
  /** the hidden input's test id (browser mode), for tests that choose files with setInputFiles */
  testId?: string;
  onChosen: (files: ChosenFile[]) => void;
  /** the dialog could not be shown or its files not stored (the desktop app) */
  onError: (error: unknown) => void;
}

/** A browser's accept list for the filters, or undefined when one of them takes every file. */
function acceptOf(filters: PickFilesRequest['filters']): string | undefined {
  const extensions = filters.flatMap((f) => f.extensions);
  return extensions.includes('*') ? undefined : extensions.map((e) => `.${e}`).join(',');
}

/**
 * Choosing files the same way in both apps: `open()` shows the desktop app's own dialog (which
 * stores the files as it picks them), or in a browser clicks a hidden <input type=file>, which
 * the page renders as `input`. Either way the page gets ChosenFiles to upload when it needs them.
 */
export function useFilePicker(options: FilePickerOptions): { open: () => void; input: ReactNode } {
  const ref = useRef<HTMLInputElement>(null);
  const dialog = desktopFilePicker();
  const { filters, multiple = false, testId, onChosen, onError } = options;

  function chosen(e: ChangeEvent<HTMLInputElement>) {
    const files = [...(e.target.files ?? [])];
    // The same input may be used again for the same file (after a refusal was fixed, say).
    e.target.value = '';
    if (files.length > 0) onChosen(chosenFromInput(files));
  }

  function open() {
    if (!dialog) return ref.current?.click();
    void dialog({ filters, multiple }).then((files) => {
      if (files.length > 0) onChosen(files);
    }, onError);
  }

  const input = dialog ? null : (
    <input ref={ref} type="file" multiple={multiple} accept={acceptOf(filters)} hidden onChange={chosen} data-testid={testId} />
  );
  return { open, input };
}
