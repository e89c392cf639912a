// The task view's toolbar: search (with its match count), status chips (with counts), zoom, Graph/List and
// export buttons. It owns the search text and the chosen chips; what they do is the view's callbacks.
import type { PanelStrings } from '../panel/protocol';
import { button, h, setText, show } from './dom';
import { fmt } from './format';
import { STATUS_KEYS, statusClass, statusStyle, type StatusKey } from './style';

export type ViewMode = 'graph' | 'list';

export interface ToolbarCallbacks {
  /** The query or the chips changed (jump: Enter was pressed, move to the next match). */
  filter(jump: boolean, backwards: boolean): void;
  /** The query changed: the match position starts over. */
  queryEdited(): void;
  zoom(factor: number): void;
  fit(): void;
  actualSize(): void;
  mode(next: ViewMode): void;
  copy(format: 'svg' | 'mermaid'): void;
}

export class Toolbar {
  readonly element: HTMLElement;
  readonly search: HTMLInputElement;
  /** STATUS_KEYS indices of the chips turned on. */
  readonly chips = new Set<number>();
  private readonly matchCount: HTMLElement;
  private readonly chipButtons: HTMLButtonElement[];
  private readonly graphBtn: HTMLButtonElement;
  private readonly listBtn: HTMLButtonElement;
  private readonly zoomGroup: HTMLElement;

  constructor(private readonly s: PanelStrings, private readonly statusLabels: readonly string[], cb: ToolbarCallbacks) {
    this.search = h('input', { type: 'search', class: 'search', placeholder: s.searchPlaceholder, 'aria-label': s.search });
    this.matchCount = h('span', { class: 'match-count', 'aria-live': 'polite' });
    const chipBox = h('div', { class: 'chips', role: 'group', 'aria-label': s.filterStatus });
    this.chipButtons = STATUS_KEYS.map((k, idx) => {
      const b = button('', () => this.toggleChip(idx, cb), { class: `chip ${statusClass(k)}`, 'aria-pressed': 'false', hidden: true });
      chipBox.append(b);
      return b;
    });
    this.graphBtn = button(s.graphView, () => cb.mode('graph'), { 'aria-pressed': 'true' });
    this.listBtn = button(s.listView, () => cb.mode('list'), { 'aria-pressed': 'false' });
    this.zoomGroup = h('div', { class: 'group' },
      button('\u2212', () => cb.zoom(1 / 1.25), { title: s.zoomOut, 'aria-label': s.zoomOut }),
      button('+', () => cb.zoom(1.25), { title: s.zoomIn, 'aria-label': s.zoomIn }),
      button(s.fit, () => cb.fit()),
      button(s.actualSize, () => cb.actualSize()),
    );
    this.element = h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': s.toolbarLabel },
      h('div', { class: 'group' }, this.search, this.matchCount),
      chipBox,
      this.zoomGroup,
      h('div', { class: 'group' }, this.graphBtn, this.listBtn),
      h('div', { class: 'group' }, button(s.copySvg, () => cb.copy('svg')), button(s.copyMermaid, () => cb.copy('mermaid'))),
    );
    this.search.addEventListener('input', () => {
      cb.queryEdited();
      cb.filter(false, false);
    });
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        cb.filter(true, e.shiftKey);
      } else if (e.key === 'Escape' && this.search.value !== '') {
        e.preventDefault();
        e.stopPropagation();
        this.search.value = '';
        cb.filter(false, false);
      }
    });
  }

  private toggleChip(idx: number, cb: ToolbarCallbacks): void {
    if (this.chips.has(idx)) this.chips.delete(idx);
    else this.chips.add(idx);
    this.chipButtons[idx].setAttribute('aria-pressed', String(this.chips.has(idx)));
    cb.filter(false, false);
  }

  /** Shows the chips of the statuses present (or chosen), with their counts. */
  setCounts(status: Uint8Array | undefined): void {
    const counts = new Array<number>(STATUS_KEYS.length).fill(0);
    if (status) for (let i = 0; i < status.length; i++) counts[status[i]]++;
    this.chipButtons.forEach((b, idx) => {
      show(b, counts[idx] > 0 || this.chips.has(idx));
      const key = STATUS_KEYS[idx] as StatusKey;
      setText(b, `${statusStyle(key).icon} ${this.statusLabels[idx]} ${counts[idx]}`);
    });
  }

  /** "n of m", "no matches", or nothing without a query. */
  setMatches(query: string, pos: number, count: number): void {
    setText(this.matchCount, query === '' ? '' : count === 0 ? this.s.noMatches : fmt(this.s.matches, Math.max(1, pos + 1), count));
  }

  setMode(mode: ViewMode): void {
    this.graphBtn.setAttribute('aria-pressed', String(mode === 'graph'));
    this.listBtn.setAttribute('aria-pressed', String(mode === 'list'));
    this.zoomGroup.hidden = mode !== 'graph';
  }
}
