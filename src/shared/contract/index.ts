// One contract, three transports: Electron IPC, the WebSocket web host, direct calls.
export * from './api.ts';
export * from './channels.ts';
export * from './schemas.ts';
