// A compose file's image builds. A part of its own, not of `exits/`: its YAML parser (a third of a
// scanning worker's bundle) is then loaded only where compose files are read, not by every thread
// that scans.
export { COMPOSE_FILE_NAMES, type ComposeBuild, composeBuilds } from './builds';
