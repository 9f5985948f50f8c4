export * from './directory-tables.migration';
export * from './directory.repository';
export * from './directory.follower';
export * from './directory.consumer';
export * from './person-functions.migration';
