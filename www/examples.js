// Example texts to try the page at once: buttons that load www/examples/*.txt.

/** The examples, in the order of their buttons. */
export const EXAMPLES = [
  { file: 'examples/depeche.txt', label: 'Dépêche', title: 'Une dépêche sur un conflit armé' },
  { file: 'examples/discours.txt', label: 'Discours', title: 'Un discours politique enflammé' },
  { file: 'examples/neutre.txt', label: 'Texte neutre', title: 'Un texte sans rhétorique chargée, avec des faux amis (régime alimentaire, troupe de théâtre…)' },
];

/**
 * Add one button per example to `group`.
 * @param {HTMLElement} group
 * @param {(text: string, name: string) => void} onLoad
 * @param {(message: string) => void} onError
 */
export function setupExamples(group, onLoad, onError) {
  for (const example of EXAMPLES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'exemple';
    button.textContent = example.label;
    button.title = example.title;
    button.addEventListener('click', async () => {
      try {
        const response = await fetch(example.file);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        onLoad((await response.text()).replace(/\r\n?/g, '\n'), example.file.replace(/^.*\//, ''));
      } catch (error) {
        onError(`Impossible de charger l’exemple « ${example.label} » (${error?.message ?? error}).`);
      }
    });
    group.append(button);
  }
}
