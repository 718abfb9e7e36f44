/** Bundled to out/cli/start-app.mjs for scripts/start.mjs (`npm start`, `npm run web`). */
export { startApp } from '../../node/startApp';
