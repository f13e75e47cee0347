import { contextBridge, ipcRenderer } from 'electron';
import { PICK_FILES_CHANNEL, type PickFilesRequest } from '../shared/uploads';

// The whole surface the renderer gets: calls, and the open-file dialog (whose files main stores
// as uploads: the window never gets a path or the bytes). No ipcRenderer, no Node.
contextBridge.exposeInMainWorld('api', {
  invoke: (method: string, input: unknown, session: string | null) => ipcRenderer.invoke('rpc', method, input, session),
  pickFiles: (request: PickFilesRequest, session: string | null) => ipcRenderer.invoke(PICK_FILES_CHANNEL, request, session),
});
