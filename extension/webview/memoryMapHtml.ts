/**
 * The memory-map webview's HTML, with a strict content security policy: nothing but
 * our one script (by nonce) and styles from the extension. Pure so the browser test
 * serves exactly what VS Code shows.
 */

export interface MemoryMapHtmlOptions {
  scriptUri: string;
  /** `webview.cspSource` (origin allowed for styles/images); '' in tests. */
  cspSource: string;
  nonce: string;
}

export function memoryMapHtml(o: MemoryMapHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource} 'nonce-${o.nonce}'`,
    `script-src 'nonce-${o.nonce}'`,
    `img-src ${o.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Guest memory map</title>
<style nonce="${o.nonce}">
  html, body { height: 100%; margin: 0; padding: 0; overflow: hidden; }
  body { display: flex; flex-direction: column; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
  #toolbar { display: flex; gap: 8px; align-items: center; padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, transparent); flex-wrap: wrap; }
  #toolbar button { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); border: none; padding: 2px 8px; cursor: pointer; }
  #toolbar button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  #legend { display: flex; gap: 10px; flex-wrap: wrap; list-style: none; margin: 0; padding: 0; }
  #legend li { display: flex; align-items: center; gap: 4px; }
  #legend .swatch { width: 10px; height: 10px; display: inline-block; border: 1px solid var(--vscode-editorWidget-border, #888); }
  #main { flex: 1; display: flex; min-height: 0; }
  #mapWrap { flex: 1; position: relative; min-width: 0; }
  #map { position: absolute; inset: 0; width: 100%; height: 100%; outline: none; }
  #map:focus-visible { box-shadow: inset 0 0 0 1px var(--vscode-focusBorder); }
  #tooltip { position: absolute; pointer-events: none; display: none; background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground); border: 1px solid var(--vscode-editorHoverWidget-border); padding: 4px 6px; white-space: pre; z-index: 2; }
  #details { width: 300px; border-left: 1px solid var(--vscode-panel-border, #444); overflow: auto; padding: 8px; display: none; }
  #details.open { display: block; }
  #details table { border-collapse: collapse; width: 100%; }
  #details td { padding: 1px 4px; vertical-align: top; }
  #details td:first-child { color: var(--vscode-descriptionForeground); white-space: nowrap; }
  #details ol { padding-left: 18px; }
  #empty { display: none; padding: 24px; color: var(--vscode-descriptionForeground); }
  body.no-session #empty { display: block; }
  body.no-session #main, body.no-session #toolbar { display: none; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
</style>
</head>
<body class="no-session">
<div id="empty" role="status">No pKVM debug session is active. Start one (F5 on a guest <code>.S</code> file) and its guest physical memory appears here, live at every stop.</div>
<div id="toolbar">
  <span id="title"></span>
  <button id="zoomOut" title="Zoom out (-)">−</button>
  <button id="zoomIn" title="Zoom in (+)">+</button>
  <button id="overview" title="Whole VM (0)">Overview</button>
  <span id="zoomLabel"></span>
  <ul id="legend" aria-label="Legend"></ul>
</div>
<div id="main">
  <div id="mapWrap">
    <canvas id="map" tabindex="0" role="img" aria-label="Guest memory map: arrow keys move between pages, Enter shows details, plus and minus zoom"></canvas>
    <div id="tooltip"></div>
  </div>
  <aside id="details" aria-label="Page details"></aside>
</div>
<div id="announce" class="sr-only" aria-live="polite"></div>
<script nonce="${o.nonce}" src="${o.scriptUri}"></script>
</body>
</html>`;
}
