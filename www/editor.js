// The editing area: a textarea to type or paste into, a button and drag-and-drop to load a
// file, a button to clear. Text set by the page (a file, an example, clearing) goes
// through the browser's editing commands, whatever its length, so Ctrl+Z brings the
// previous text back.
import { readTextFile, FileError } from './file-loader.js';

/** Characters from which a selection is long: collapsed after undo, the highlighted text
 * set aside while Ctrl+A selects. */
const LONG_SELECTION = 10_000;

/**
 * @typedef {object} EditorElements
 * @property {HTMLTextAreaElement} textarea
 * @property {HTMLElement} dropZone
 * @property {HTMLButtonElement} openButton
 * @property {HTMLInputElement} fileInput
 * @property {HTMLButtonElement} clearButton
 * @property {HTMLElement} error where a file error is written
 */
/**
 * @typedef {object} Replacement a text the page put in place of another
 * @property {string} before
 * @property {string} after
 * @property {string | null} source the new text's file or example
 * @property {string | null} sourceBefore the old text's, for the exports' name after Ctrl+Z
 */
/**
 * @callback OnText
 * @param {string} text
 * @param {{immediate: boolean, source: string | null}} how immediate: analyse at once
 *   (paste, file, example) rather than after a pause in typing; source: the file's name
 */

export class Editor {
  /**
   * @param {EditorElements} el
   * @param {OnText} onText
   */
  constructor(el, onText) {
    this.el = el;
    this.onText = onText;
    /** @type {string | null} the name of the file the text came from */
    this.source = null;
    /** @type {string | null} set while the page itself changes the text */
    this.pendingSource = null;
    /** The text after the last input event. */
    this.value = '';
    /** @type {Replacement[]} the page's last replacements of the text, newest last */
    this.replacements = [];
    /** @type {(Replacement | null)[]} the steps undone since the last edit, newest last:
     * the page's replacement undone, or null for another step */
    this.undone = [];

    el.textarea.addEventListener('input', (event) => {
      const { textarea } = el;
      const setting = this.pendingSource !== null;
      if (!setting && this.source !== null && textarea.value === '') this.source = null;
      const type = /** @type {InputEvent} */ (event).inputType ?? '';
      const before = this.value;
      this.value = textarea.value;
      if (type === 'historyUndo') {
        const undone = this.replacements.findLast((r) => r.after === before && r.before === this.value) ?? null;
        this.undone.push(undone);
        if (undone) this.source = undone.sourceBefore;
      } else if (type === 'historyRedo') this.undone.pop();
      else this.undone = [];
      // Undo selects the text it brings back; a long selection next to the highlighted
      // text costs Chromium seconds per frame (4 s for 200 KB): the caret goes before it.
      if (type.startsWith('history') && textarea.selectionEnd - textarea.selectionStart > LONG_SELECTION) {
        textarea.setSelectionRange(textarea.selectionStart, textarea.selectionStart);
      }
      const immediate = setting || type.startsWith('insertFromPaste') || type.startsWith('insertFromDrop')
        || type.startsWith('history') || type === 'deleteByCut';
      this.onText(textarea.value, { immediate, source: this.source });
    });
    // Chromium's redo of a replacement of text it pasted (by Ctrl+V or insertHTML) with
    // line breaks empties the box (after the undo, the textarea's placeholder <br> is
    // missing): the page redoes its own replacements.
    el.textarea.addEventListener('beforeinput', (event) => {
      const redo = event.inputType === 'historyRedo' ? this.undone.at(-1) : null;
      // Chromium redoes a deletion right, and faster (16 s for the page at 1 MB).
      if (!redo?.after || el.textarea.value !== redo.before) return;
      event.preventDefault();
      this.setText(redo.after, redo.source);
    });
    // A long selection beside the highlighted text costs Chromium seconds (its lots of
    // `content-visibility: auto`; 5.5 s for Shift+Ctrl+End at 300 KB, spent moving the
    // selection): the highlighted text steps aside while one lasts. It does so before the
    // browser selects when the keys or the pointer say the selection will be long (Ctrl+A,
    // Shift+Ctrl+End or Home, a Shift+click, a drag far off), else once it is made (after a
    // slow frame or two, when the selection events come).
    const root = document.documentElement;
    /** @param {number | null} from @param {number | null} to */
    const foresee = (from, to) => {
      if (from !== null && to !== null && Math.abs(to - from) > LONG_SELECTION) root.classList.add('selection-longue');
    };
    const anchor = () => {
      const { selectionDirection, selectionStart, selectionEnd } = el.textarea;
      return selectionDirection === 'backward' ? selectionEnd : selectionStart;
    };
    /** @param {MouseEvent} event @returns {number | null} the offset in the text under the pointer */
    const offsetAt = (event) => {
      const at = document.caretPositionFromPoint?.(event.clientX, event.clientY);
      return at?.offsetNode === el.textarea ? at.offset : null;
    };
    el.textarea.addEventListener('keydown', (event) => {
      const { key, shiftKey } = event;
      const command = event.ctrlKey || event.metaKey;
      if (command && key.toLowerCase() === 'a') foresee(0, el.textarea.value.length);
      // Shift+Cmd+Down and Up on a Mac.
      else if (shiftKey && ((command && /^(End|Home)$/.test(key)) || (event.metaKey && /^Arrow(Down|Up)$/.test(key)))) {
        foresee(anchor(), /End|Down/.test(key) ? el.textarea.value.length : 0);
      }
    });
    /** @type {number | null} where the selection being dragged starts */
    let dragFrom = null;
    el.textarea.addEventListener('mousedown', (event) => {
      dragFrom = null;
      if (event.button !== 0 || el.textarea.value.length <= LONG_SELECTION) return;
      dragFrom = event.shiftKey ? anchor() : offsetAt(event);
      if (event.shiftKey) foresee(dragFrom, offsetAt(event));
    });
    // A drag far off (the wheel scrolled meanwhile): seen before the selection follows.
    addEventListener('mousemove', (event) => {
      if (dragFrom !== null && event.buttons & 1) foresee(dragFrom, offsetAt(event));
    });
    addEventListener('mouseup', () => { dragFrom = null; });
    const settle = () => {
      const { selectionStart, selectionEnd } = el.textarea;
      root.classList.toggle('selection-longue', selectionEnd - selectionStart > LONG_SELECTION);
    };
    for (const type of ['selectionchange', 'input', 'keyup', 'mouseup']) el.textarea.addEventListener(type, settle);
    // A long selection left in the box would keep the highlighted text aside: leaving the
    // box collapses it to a caret.
    el.textarea.addEventListener('blur', () => {
      const { selectionStart, selectionEnd } = el.textarea;
      if (selectionEnd - selectionStart > LONG_SELECTION) el.textarea.setSelectionRange(selectionStart, selectionStart);
      settle();
    });
    el.openButton.addEventListener('click', () => el.fileInput.click());
    el.fileInput.addEventListener('change', () => {
      const file = el.fileInput.files?.[0];
      el.fileInput.value = '';
      if (file) this.load(file);
    });
    el.clearButton.addEventListener('click', () => {
      this.setText('', null);
      el.textarea.focus();
    });
    this.setupDrop();
  }

  get text() {
    return this.el.textarea.value;
  }

  setupDrop() {
    const zone = this.el.dropZone;
    const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
    let depth = 0;
    zone.addEventListener('dragenter', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth++;
      zone.classList.add('survol');
    });
    zone.addEventListener('dragover', (event) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    });
    zone.addEventListener('dragleave', (event) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove('survol');
    });
    zone.addEventListener('drop', (event) => {
      depth = 0;
      zone.classList.remove('survol');
      const file = event.dataTransfer?.files?.[0];
      if (!file) return; // dropped text: the textarea inserts it itself
      event.preventDefault();
      this.load(file);
    });
    // A file dropped next to the zone must not replace the page with the file.
    for (const type of ['dragover', 'drop']) {
      addEventListener(type, (event) => {
        if (hasFiles(event) && !zone.contains(/** @type {Node} */ (event.target))) event.preventDefault();
      });
    }
  }

  /** @param {File} file */
  async load(file) {
    this.showError('');
    try {
      const { text, name } = await readTextFile(file);
      this.setText(text, name);
    } catch (error) {
      this.showError(error instanceof FileError ? error.message
        : `Impossible de lire « ${file.name} » : ${error?.message ?? error}`);
    }
  }

  /** @param {string} message empty to clear */
  showError(message) {
    this.el.error.textContent = message;
    this.el.error.hidden = !message;
  }

  /**
   * Replace the whole text, undoable with Ctrl+Z (set directly, without undo, only in a
   * browser that has none of the editing commands used).
   * @param {string} text
   * @param {string | null} source the file or example it came from
   */
  setText(text, source) {
    const { textarea } = this.el;
    const before = textarea.value;
    const sourceBefore = this.source;
    this.showError('');
    this.source = source;
    this.pendingSource = source ?? '';
    const active = document.activeElement;
    let done = false;
    // The highlighted text is out of the page meanwhile: selecting a long text while it is
    // there costs Chromium seconds (1.2 s for 200 KB, 30 s for 1 MB). Its input event,
    // sent within the command, shows the new text.
    const root = document.documentElement;
    root.classList.add('remplacement');
    try {
      textarea.focus({ preventScroll: true });
      textarea.select();
      // Chromium's insertText costs the square of the text's lines (25 s for 4,000
      // lines); the text escaped as HTML goes in like a paste (1.4 s for 1 MB of short
      // paragraphs), as written. Firefox has no insertHTML in a textarea, but a fast
      // insertText.
      done = text
        ? document.execCommand('insertHTML', false, text.replace(/&/g, '&amp;').replace(/</g, '&lt;'))
          || document.execCommand('insertText', false, text)
        : document.execCommand('delete', false);
    } catch {
      done = false;
    }
    root.classList.remove('remplacement');
    if (!done || textarea.value !== text) {
      textarea.value = text;
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }
    this.pendingSource = null;
    this.replacements = [...this.replacements.slice(-3), { before, after: textarea.value, source, sourceBefore }];
    textarea.setSelectionRange(0, 0);
    textarea.scrollTop = 0;
    if (active instanceof HTMLElement && active !== textarea && active !== document.body) {
      active.focus({ preventScroll: true });
    }
  }
}
