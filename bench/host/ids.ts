// Ids shared by the extension-host entries and the runner that starts them (no 'vscode' import here).
export const EXTENSION_ID = 'ocp-explorer.ocp-explorer';
/** The do-nothing extension loaded beside ours in the breakdown runs. */
export const EMPTY_EXTENSION_ID = 'ocp-bench.empty';
