export { currentPersona, personaName, useLocalPersonaName, usePersonas } from './api/listPersonas'
export { PersonaSwitcher } from './components/PersonaSwitcher'
