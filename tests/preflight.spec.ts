import { registerFamily } from '../src/register.ts';

// Registers checks only in a preflight run (npm run preflight).
registerFamily('preflight');
