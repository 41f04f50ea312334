import { registerFamily } from '../src/register.ts';

registerFamily('redirect');
