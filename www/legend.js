// The legend: one toggle button per category, with the category's colour and underline
// (the same cue as its marks), its description and how many passages it has in the text.
// Pressing a button shows or hides that category's marks.

/** @typedef {import('./pkg/surligneur.js').CategoryInfo} CategoryInfo */

export class Legend {
  /**
   * @param {HTMLElement} list the <ul> to fill
   * @param {CategoryInfo[]} categories in legend order
   * @param {Set<string>} hidden category ids hidden at start (changed in place)
   * @param {(hidden: Set<string>) => void} onChange
   */
  constructor(list, categories, hidden, onChange) {
    this.hidden = hidden;
    /** @type {Map<string, {button: HTMLButtonElement, count: HTMLElement}>} */
    this.items = new Map();
    list.replaceChildren();
    for (const { id, label, description } of categories) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'legende-item';
      button.dataset.categorie = id;
      button.title = `${description} — cliquer pour afficher ou masquer`;
      const sample = document.createElement('span');
      sample.className = 'echantillon';
      sample.setAttribute('aria-hidden', 'true');
      sample.textContent = 'Abc';
      const name = document.createElement('span');
      name.className = 'legende-nom';
      name.textContent = label;
      const count = document.createElement('span');
      count.className = 'compte';
      button.append(sample, name, count);
      button.addEventListener('click', () => {
        if (this.hidden.has(id)) this.hidden.delete(id);
        else this.hidden.add(id);
        this.refresh();
        onChange(this.hidden);
      });
      item.append(button);
      list.append(item);
      this.items.set(id, { button, count });
    }
    this.refresh();
  }

  refresh() {
    for (const [id, { button }] of this.items) {
      button.setAttribute('aria-pressed', String(!this.hidden.has(id)));
    }
  }

  /**
   * Show each category's number of passages.
   * @param {Record<string, {count: number}> | null} stats summary.categories, or null
   */
  setCounts(stats) {
    for (const [id, { count }] of this.items) {
      const n = stats?.[id]?.count ?? 0;
      count.textContent = stats ? String(n) : '';
      count.setAttribute('aria-label', `${n} passage${n > 1 ? 's' : ''}`);
    }
  }
}
