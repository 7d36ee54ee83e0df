import { defineConfig } from 'vite';
import { reactAppConfig } from '../../vite.shared.mts';

export default defineConfig(reactAppConfig('viewer', '/watch/'));
