// The key inventory: every key a project's env files define and its code reads, with owners and rotation dates.
export {
  ANNOTATION_HELP,
  ANNOTATION_TAGS,
  isIsoDate,
  recordRotationEdit,
  type AnnotationEdit,
  keyAnnotations,
  periodDays,
  readAnnotations,
  type Annotation,
  type AnnotationProblem,
  type KeyAnnotations,
} from './annotations';
export {
  addDays,
  buildInventory,
  DEFAULT_ROTATE_DAYS,
  INVENTORY_PROBLEMS,
  isVagueName,
  type Inventory,
  type InventoryFile,
  type InventoryInput,
  type InventoryKey,
  type InventoryProblem,
  type Place,
} from './build';
