import { version } from '../../package.json';

/** Trailhound's version, recorded with every activity log entry and export (chain of custody). */
export const APP_VERSION: string = version;
