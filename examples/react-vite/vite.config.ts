import { defineConfig } from 'vite';

// Vite compiles the JSX itself (React's automatic runtime, from tsconfig.json); no plugin is needed for a production build.
export default defineConfig({});
