import { URI } from 'vscode-uri';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyseDocument, documentDiagnostics, type DocumentAnalysis } from '../../../server/src/analysis';
import { findConfigFile, loadConfig, nodeFileSystem } from '../../../server/src/config';
import { TemplateLoader } from '../../../server/src/templates/load';

function realPath(file: string): string | undefined {
  try {
    return nodeFileSystem.realpath(file);
  } catch {
    return undefined;
  }
}

/** What the server gives the authoring features, for one workspace folder on disk: analysis as the editor does it. */
export function hostFor(folder: string, vscodeSettings: unknown = {}, openDocuments: TextDocument[] = []) {
  const templates = new TemplateLoader(nodeFileSystem);
  const folderUri = URI.file(folder).toString();
  const host = {
    analysed: 0,
    workspaceFolders: () => [folderUri],
    openDocuments: () => openDocuments,
    async analyse(document: TextDocument): Promise<DocumentAnalysis> {
      host.analysed++;
      const configPath = findConfigFile(folder, nodeFileSystem, { stopAt: folder });
      const configFile = configPath ? loadConfig(configPath, nodeFileSystem) : undefined;
      return analyseDocument(document, { vscodeSettings, ...(configFile ? { configFile } : {}), root: folder, templates, workspaceFolders: [folderUri], realPath });
    },
    diagnostics: (analysis: unknown) => documentDiagnostics(analysis as DocumentAnalysis, {}),
    readFile: (file: string) => nodeFileSystem.readFile(file),
  };
  return host;
}
