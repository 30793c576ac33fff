export * from './auth.js';
export * from './classes.js';
export * from './common.js';
export * from './errors.js';
export * from './invites.js';
export * from './requests.js';
export * from './schools.js';
