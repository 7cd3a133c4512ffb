export * from './recipients';
export * from './channels';
export * from './message-kinds';
export * from './links';
export * from './requests';
export * from './events';
