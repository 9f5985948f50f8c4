export * from './principal';
export * from './access-policy';
export * from './access.decorator';
export * from './jwt-verifier';
