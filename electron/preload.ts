import { contextBridge, ipcRenderer } from 'electron';

// The whole surface the renderer gets: one function. No ipcRenderer, no Node.
contextBridge.exposeInMainWorld('api', {
  invoke: (method: string, input: unknown, session: string | null) => ipcRenderer.invoke('rpc', method, input, session),
});
