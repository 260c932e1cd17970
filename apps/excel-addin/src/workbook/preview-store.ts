// Where the in-browser preview workbook is kept between reloads: IndexedDB, which holds hundreds
// of megabytes (localStorage holds about 5 MB, so a preview of ~10,000 rows used to vanish without
// a word). Each save is one transaction (the whole model, rows in chunks): a save that fails, e.g.
// when the disk quota is reached, leaves the previous copy whole, and the pane is told, then and
// after the next reload. A copy kept in localStorage by an older pane is moved over once.

import { PreviewWorkbook, type PreviewModel, type PreviewSheet } from './preview-workbook.js';

export interface PreviewNotice {
  level: 'info' | 'warning';
  message: string;
}

type Legacy = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface PreviewStoreOptions {
  /** Default `globalThis.indexedDB`; without one nothing is kept (and the pane is told so). */
  indexedDB?: IDBFactory;
  /** Where older panes kept the preview (and where the "not kept" marker goes); default localStorage. */
  legacy?: Legacy;
  onNotice?: (n: PreviewNotice) => void;
  /** Space left for this origin, bytes; default from `navigator.storage.estimate()`. */
  spaceLeft?: () => Promise<number | undefined>;
  dbName?: string;
  /** Wait after the last change before saving; default 500 ms. */
  debounceMs?: number;
}

export const LEGACY_KEY = 'meterbook.preview.workbook';
/** A small note kept beside: the last save failed (so the next load can say so). */
const NOT_KEPT_KEY = 'meterbook.preview.notKept';
const STORE = 'workbook';
const ROWS_PER_CHUNK = 10_000;
/** A rough upper bound of the bytes a cell takes in IndexedDB, for the warning before a pull. */
const BYTES_PER_CELL = 60;

interface StoredMeta {
  version: 2;
  savedAt: string;
  sheets: { name: string; frozenRows: number; frozenColumns?: number; widths?: number[]; chunks: number }[];
  tables: PreviewModel['tables'];
  names: PreviewModel['names'];
  settings: PreviewModel['settings'];
  active: PreviewModel['active'];
  /** Absent in copies saved before they were kept: summaries (so Refresh updates them), charts, Cost columns. */
  summaries?: PreviewModel['summaries'];
  charts?: PreviewModel['charts'];
  costColumns?: PreviewModel['costColumns'];
}

const request = <T>(r: IDBRequest<T>): Promise<T> => new Promise((done, fail) => { r.onsuccess = () => done(r.result); r.onerror = () => fail(r.error); });
const finished = (tx: IDBTransaction): Promise<void> => new Promise((done, fail) => { tx.oncomplete = () => done(); tx.onerror = () => fail(tx.error); tx.onabort = () => fail(tx.error ?? new DOMException('The save was aborted.', 'AbortError')); });
const rowCount = (m: PreviewModel): number => m.tables.reduce((n, t) => n + t.rows, 0);
const fmt = (n: number): string => n.toLocaleString('en-US');

function defaultLegacy(): Legacy | undefined {
  try { return globalThis.localStorage; } catch { return undefined; }
}

async function defaultSpaceLeft(): Promise<number | undefined> {
  const storage = (globalThis.navigator as Navigator | undefined)?.storage;
  if (!storage?.estimate) return undefined;
  const { quota, usage } = await storage.estimate();
  return quota === undefined ? undefined : quota - (usage ?? 0);
}

/** The sheet's rows from its chunks, empty rows kept in place (`flat()` would drop them). */
function joinChunks(chunks: number, chunk: (c: number) => PreviewSheet['rows']): PreviewSheet['rows'] {
  const rows: PreviewSheet['rows'] = [];
  for (let c = 0; c < chunks; c++) {
    const part = chunk(c);
    for (let i = 0; i < part.length; i++) rows[c * ROWS_PER_CHUNK + i] = part[i] ?? [];
  }
  return rows;
}

export class PreviewStore {
  private pending: Promise<boolean> = Promise.resolve(true);
  private timer: ReturnType<typeof setTimeout> | undefined;

  private constructor(private readonly db: IDBDatabase | undefined, private readonly opts: PreviewStoreOptions, private readonly legacy: Legacy | undefined) {}

  /** Opens the store; when IndexedDB cannot be used, says that nothing will be kept. */
  static async open(opts: PreviewStoreOptions = {}): Promise<PreviewStore> {
    const factory = opts.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    const legacy = opts.legacy ?? defaultLegacy();
    let db: IDBDatabase | undefined;
    try {
      if (factory) {
        const open = factory.open(opts.dbName ?? 'meterbook-preview', 1);
        open.onupgradeneeded = () => open.result.createObjectStore(STORE);
        db = await request(open);
      }
    } catch { db = undefined; }
    const store = new PreviewStore(db, opts, legacy);
    if (!db) store.say('warning', 'This browser does not let the preview keep workbooks (no IndexedDB, e.g. a private window): tables inserted here will be gone after a reload.');
    return store;
  }

  private say(level: PreviewNotice['level'], message: string): void { this.opts.onNotice?.({ level, message }); }

  /** The kept workbook (or the one an older pane left in localStorage, moved here), else a new one. */
  async load(): Promise<PreviewWorkbook> {
    const notKept = this.legacy?.getItem(NOT_KEPT_KEY);
    const kept = await this.read().catch(() => undefined);
    if (notKept) this.say('warning', `The last changes to the preview were not kept (${notKept}). ${kept ? `This is the copy saved ${kept.savedAt.slice(0, 16).replace('T', ' ')} UTC.` : 'No earlier copy was kept.'}`);
    if (kept) return new PreviewWorkbook(kept.model);
    const old = this.legacy?.getItem(LEGACY_KEY);
    if (!old) return new PreviewWorkbook();
    let model: PreviewModel;
    try { model = JSON.parse(old) as PreviewModel; } catch { return new PreviewWorkbook(); }
    const wb = new PreviewWorkbook(model);
    // Removed from localStorage only once IndexedDB holds it: never lost on the way.
    if (await this.save(model)) {
      this.legacy?.removeItem(LEGACY_KEY);
      this.say('info', `Moved the preview workbook (${model.tables.length} tables) to this browser's larger storage.`);
    }
    return wb;
  }

  private async read(): Promise<{ model: PreviewModel; savedAt: string } | undefined> {
    if (!this.db) return undefined;
    const os = this.db.transaction(STORE, 'readonly').objectStore(STORE);
    // Every request is made at once, in this task: the transaction stays active for all of them.
    const [meta, keys, chunks] = await Promise.all([request(os.get('meta')), request(os.getAllKeys()), request(os.getAll())]);
    const m = meta as StoredMeta | undefined;
    if (!m || m.version !== 2) return undefined;
    const byKey = new Map(keys.map((k, i) => [String(k), chunks[i]]));
    const sheets: PreviewSheet[] = m.sheets.map((s, i) => ({
      name: s.name,
      frozenRows: s.frozenRows,
      ...(s.frozenColumns === undefined ? {} : { frozenColumns: s.frozenColumns }),
      ...(s.widths === undefined ? {} : { widths: s.widths }),
      rows: joinChunks(s.chunks, (c) => (byKey.get(`rows:${i}:${c}`) ?? []) as PreviewSheet['rows']),
    }));
    const kept = { summaries: m.summaries, charts: m.charts, costColumns: m.costColumns };
    const extras = Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined)) as Partial<PreviewModel>;
    return { savedAt: m.savedAt, model: { sheets, tables: m.tables, names: m.names, settings: m.settings, active: m.active, ...extras } };
  }

  /** Saves the whole model in one transaction; false (and a notice) when it could not be kept. */
  save(model: PreviewModel): Promise<boolean> {
    this.pending = this.pending.then(() => this.write(model));
    return this.pending;
  }

  private async write(model: PreviewModel): Promise<boolean> {
    if (!this.db) return false;
    let tx: IDBTransaction | undefined;
    try {
      tx = this.db.transaction(STORE, 'readwrite');
      const os = tx.objectStore(STORE);
      os.clear();
      const sheets = model.sheets.map((s, i) => {
        const chunks = Math.ceil(s.rows.length / ROWS_PER_CHUNK);
        for (let c = 0; c < chunks; c++) os.put(s.rows.slice(c * ROWS_PER_CHUNK, (c + 1) * ROWS_PER_CHUNK), `rows:${i}:${c}`);
        return { name: s.name, frozenRows: s.frozenRows, ...(s.frozenColumns === undefined ? {} : { frozenColumns: s.frozenColumns }), ...(s.widths === undefined ? {} : { widths: s.widths }), chunks };
      });
      const meta: StoredMeta = {
        version: 2, savedAt: new Date().toISOString(), sheets, tables: model.tables, names: model.names, settings: model.settings, active: model.active,
        ...(model.summaries ? { summaries: model.summaries } : {}), ...(model.charts ? { charts: model.charts } : {}), ...(model.costColumns ? { costColumns: model.costColumns } : {}),
      };
      os.put(meta, 'meta');
      await finished(tx);
      this.legacy?.removeItem(NOT_KEPT_KEY);
      return true;
    } catch (e) {
      // A put that threw leaves the transaction open: abort it, or its clear() would commit.
      try { tx?.abort(); } catch { /* already finished */ }
      const why = e instanceof DOMException && e.name === 'QuotaExceededError' ? 'browser storage is full' : `the browser refused: ${e instanceof Error ? e.message : String(e)}`;
      const what = `${model.tables.length} tables, ${fmt(rowCount(model))} rows; ${why}`;
      try { this.legacy?.setItem(NOT_KEPT_KEY, what); } catch { /* the notice below still says it */ }
      this.say('warning', `The preview could not keep this workbook (${what}). It stays on screen until you close or reload the page; after that the last copy kept comes back. Delete large tables to make room.`);
      return false;
    }
  }

  /** Saves after every change (debounced); returns the function that stops it. */
  keep(wb: PreviewWorkbook): () => void {
    const off = wb.onChange(() => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.save(wb.toJSON()), this.opts.debounceMs ?? 500);
    });
    return () => { clearTimeout(this.timer); off(); };
  }

  /** Waits for the save in progress, starting a due one at once (for tests and page unload). */
  async flush(wb?: PreviewWorkbook): Promise<boolean> {
    if (this.timer !== undefined && wb) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return this.save(wb.toJSON());
    }
    return this.pending;
  }

  /**
   * Before a pull: a warning when `rows` more rows of `cols` columns would likely not be kept
   * (nothing kept at all, or too little space left); undefined when they fit.
   */
  async warnBeforeAdding(rows: number, cols: number): Promise<string | undefined> {
    if (!this.db) return `The preview cannot keep workbooks in this browser: these ${fmt(rows)} rows will be gone after a reload.`;
    const left = await (this.opts.spaceLeft ?? defaultSpaceLeft)().catch(() => undefined);
    const need = rows * cols * BYTES_PER_CELL;
    if (left === undefined || need <= left) return undefined;
    return `This browser has room for about ${fmt(Math.floor(left / (cols * BYTES_PER_CELL)))} more rows in the preview: ${fmt(rows)} rows would be shown but not kept after a reload.`;
  }
}

/**
 * One line for the pane's host: the kept preview workbook, saved after every change, with
 * `onNotice` told whenever something could not be kept.
 */
export async function openPreviewWorkbook(onNotice?: (n: PreviewNotice) => void, opts: Omit<PreviewStoreOptions, 'onNotice'> = {}): Promise<{ workbook: PreviewWorkbook; store: PreviewStore }> {
  const store = await PreviewStore.open({ ...opts, onNotice });
  const workbook = await store.load();
  store.keep(workbook);
  return { workbook, store };
}
