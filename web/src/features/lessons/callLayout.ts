/** A tile of the call screen: a person, and whether it is me. */
export interface Tile {
  id: string;
  mine: boolean;
}

export interface CallLayout {
  /** Grid view: the tiles of the page shown, the number of pages and the page shown (clamped). */
  gridTiles: Tile[];
  gridPages: number;
  gridPage: number;
  /** Speaker view: the strip's tiles of the page shown (the speaker is not in the strip). */
  stripTiles: Tile[];
  stripPages: number;
  stripPage: number;
  /**
   * The pictures this tab asks the SFU for, with the simulcast size each tile needs (2 large, 1 medium, 0 a
   * thumbnail): only tiles on screen. A 100-person lesson is never 99 pictures at once.
   */
  shown: Record<string, number>;
}

/** How many tiles a grid page and a speaker-view strip hold: fewer on a phone. */
export const gridPageSize = (mobile: boolean) => (mobile ? 4 : 9);
export const stripPageSize = (mobile: boolean) => (mobile ? 3 : 6);

/** VID-4 (8): grid with pages, or the speaker large and a paged strip of the others. */
export function callLayout(opts: { tiles: Tile[]; view: 'grid' | 'speaker'; speakerId: string; page: number; stripPage: number; mobile: boolean }): CallLayout {
  const { tiles, view, speakerId, mobile } = opts;
  const pageSize = gridPageSize(mobile);
  const gridPages = Math.max(1, Math.ceil(tiles.length / pageSize));
  const gridPage = Math.min(Math.max(1, opts.page), gridPages);
  const gridTiles = tiles.slice((gridPage - 1) * pageSize, gridPage * pageSize);
  const stripSize = stripPageSize(mobile);
  const others = tiles.filter((x) => x.id !== speakerId);
  const stripPages = Math.max(1, Math.ceil(others.length / stripSize));
  const stripPage = Math.min(Math.max(1, opts.stripPage), stripPages);
  const stripTiles = others.slice((stripPage - 1) * stripSize, stripPage * stripSize);
  const shown: Record<string, number> = {};
  if (view === 'grid') {
    const layer = gridTiles.length <= 2 ? 2 : gridTiles.length <= 4 ? 1 : 0;
    for (const x of gridTiles) shown[x.id] = layer;
  } else {
    shown[speakerId] = 2;
    for (const x of stripTiles) shown[x.id] = 0;
  }
  return { gridTiles, gridPages, gridPage, stripTiles, stripPages, stripPage, shown };
}
