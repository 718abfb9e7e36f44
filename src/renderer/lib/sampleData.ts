import prodUrl from '../../../resources/sample/prod-eu-1/kube-apiserver/audit.log.gz?url';
import stagingUrl from '../../../resources/sample/staging-us-2/kube-apiserver/audit.log?url';
import type { FileToImport } from '../../worker/protocol';

/** The shipped sample, under the paths it would have in a collected folder (they name the clusters). */
const SAMPLE_FILES = [
  { path: 'sample/prod-eu-1/kube-apiserver/audit.log.gz', url: prodUrl },
  { path: 'sample/staging-us-2/kube-apiserver/audit.log', url: stagingUrl },
];

/** Fetches the bundled sample (it ships with the app: no network). */
export async function fetchSampleFiles(): Promise<FileToImport[]> {
  return Promise.all(
    SAMPLE_FILES.map(async ({ path, url }) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`the sample file ${path} could not be loaded (${response.status})`);
      const name = path.slice(path.lastIndexOf('/') + 1);
      return { path, file: new File([await response.blob()], name) };
    }),
  );
}
