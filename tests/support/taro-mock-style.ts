// Style imports in the client tests (class names are plain strings in src/, nothing to map).
export default {}
