// An empty program run the way services run (node -r ./tools/register.js): the resident memory a
// service process has before any of its own code, for the memory figures' context.
setTimeout(() => undefined, 30_000);
