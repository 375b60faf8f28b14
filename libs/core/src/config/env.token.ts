import { Inject } from '@nestjs/common';

export const ENV = Symbol('ENV');

/** Injects the validated, read-only environment (`Env`). */
export const InjectEnv = () => Inject(ENV);
