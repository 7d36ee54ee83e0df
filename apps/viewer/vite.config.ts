import { defineConfig } from 'vite';
import { reactAppConfig } from '../../vite.shared';

export default defineConfig(reactAppConfig('viewer', '/watch/'));
