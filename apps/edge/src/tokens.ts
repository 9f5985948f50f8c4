export const EDGE_CONFIG = Symbol('EDGE_CONFIG');
