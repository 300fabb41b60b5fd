// Electron edge #1: the only bootstrap. Window, security settings, menu. Everything it serves
// comes from the electron-free Workbench; ipc.ts binds the contract.
import { app, BrowserWindow, Menu, nativeTheme, session, shell, type MenuItemConstructorOptions } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MenuAction, WorkbenchEvent } from '../shared/contract/index.ts';
import { CHANNEL_PREFIX, EVENT_CHANNEL } from '../shared/contract/index.ts';
import { bindIpc } from './ipc.ts';
import { Workbench } from './services/workbench.ts';
import { trustedUrlCheck } from './trusted-url.ts';

const here = dirname(fileURLToPath(import.meta.url));
const rendererFile = join(here, '../renderer/index.html');
const devUrl = process.env.ELECTRON_RENDERER_URL;
const rendererUrl = devUrl ?? pathToFileURL(rendererFile).href;

let mainWindow: BrowserWindow | null = null;

const isTrustedUrl = trustedUrlCheck(rendererUrl, devUrl);

interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized?: boolean;
}

const stateFile = () => join(app.getPath('userData'), 'window-state.json');

function loadWindowState(): WindowState {
  try {
    const s = JSON.parse(readFileSync(stateFile(), 'utf8')) as WindowState;
    if (s.width >= 640 && s.height >= 480) return s;
  } catch {
    /* first start or unreadable: defaults */
  }
  return { width: 1280, height: 800 };
}

function saveWindowState(win: BrowserWindow): void {
  const b = win.getNormalBounds();
  try {
    writeFileSync(stateFile(), JSON.stringify({ ...b, maximized: win.isMaximized() }));
  } catch {
    /* not worth failing a quit over */
  }
}

function sendMenu(action: MenuAction): void {
  const ev: WorkbenchEvent = { type: 'menu', action };
  mainWindow?.webContents.send(CHANNEL_PREFIX + EVENT_CHANNEL, ev);
}

function buildMenu(): void {
  const item = (label: string, accelerator: string, action: MenuAction): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => sendMenu(action),
  });
  const template: MenuItemConstructorOptions[] = [
    { label: 'File', submenu: [item('Open CSV…', 'CmdOrCtrl+O', 'open-csv'), item('Save Report…', 'CmdOrCtrl+S', 'save-report'), { type: 'separator' }, { role: 'quit' }] },
    {
      label: 'Run',
      submenu: [
        item('Run Serial', 'CmdOrCtrl+Shift+R', 'run-serial'),
        item('Run Parallel', 'CmdOrCtrl+R', 'run-parallel'),
        item('Compare (Experiment)', 'CmdOrCtrl+E', 'compare'),
        item('Cancel', 'Escape', 'cancel'),
      ],
    },
    { label: 'View', submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): BrowserWindow {
  const state = loadWindowState();
  const win = new BrowserWindow({
    ...state,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Clusterbench',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1e1e1e' : '#ffffff',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => saveWindowState(win));
  // No new windows and no navigation away from the app; links open in the OS browser only if https.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isTrustedUrl(url)) e.preventDefault();
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(rendererFile);
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
  });

  const samplesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  const workerScript = join(here, 'worker.js');
  const workbench = new Workbench({
    samplesDir: existsSync(samplesDir) ? samplesDir : join(here, '../../resources'),
    historyDir: join(app.getPath('userData'), 'history'),
    // Files the user chose in earlier sessions (main writes it, never the renderer): the recent list.
    grantsFile: join(app.getPath('userData'), 'read-grants.json'),
    transport: 'electron',
    workerScript: existsSync(workerScript) ? workerScript : undefined,
  });
  bindIpc(workbench, () => mainWindow, isTrustedUrl);
  buildMenu();
  mainWindow = createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void workbench.dispose());
}

void main();
