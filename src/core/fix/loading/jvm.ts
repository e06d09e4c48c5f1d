import { eolOf } from '../text-edit';
import type { EnvLoading, LoadingInput } from './types';
import { insertLinesAt } from './text';

const BUILD_FILES = ['pom.xml', 'build.gradle', 'build.gradle.kts'];

/** Whether the project is a Spring Boot application, by its build file. */
function isSpringBoot(input: LoadingInput): boolean {
  return BUILD_FILES.some(f => /spring-boot/.test(input.project.files.get(f) ?? ''));
}

/**
 * Java and Kotlin. Spring Boot reads `.env` as a property source once `spring.config.import`
 * names it; the placeholders in its application.properties then resolve from it. Nothing loads
 * `.env` into System.getenv: a JVM program gets the variable from how it is run.
 */
export function jvmLoading(input: LoadingInput): EnvLoading | undefined {
  const { document } = input;
  const spring = isSpringBoot(input);
  const isConfig = /(?:^|\/)application(?:-[\w-]+)?\.(?:properties|ya?ml)$/.test(document.rel);
  // A config file outside Spring: its placeholders are some other loader's, as the title says.
  if (input.lang !== 'java' && input.lang !== 'kotlin' && !spring) return undefined;
  if (!spring || !isConfig) {
    return {
      kind: 'unwired',
      reason: spring
        ? 'Spring reads .env into its Environment, not into System.getenv(): read it with @Value("${NAME}") instead'.replace('NAME', input.name)
        : 'nothing loads .env into a JVM program: set the variable in its run configuration',
      command: spring ? './mvnw spring-boot:run' : 'java',
    };
  }
  const text = document.text;
  const source = `optional:file:${input.envRel}[.properties]`;
  if (/spring\.config\.import|^\s*import\s*:.*\.env/m.test(text) && /\.env\b/.test(text)) return { kind: 'loaded', by: 'spring.config.import' };
  if (/spring\.config\.import/.test(text)) {
    return { kind: 'unwired', reason: `spring.config.import is set already: add ${source} to it`, command: './mvnw spring-boot:run' };
  }
  if (document.rel.endsWith('.properties')) {
    return {
      kind: 'wired',
      by: 'spring.config.import',
      changes: [{ rel: document.rel, edits: [insertLinesAt(text, text.length, [`spring.config.import=${source}`])] }],
    };
  }
  if (/^spring\s*:/m.test(text)) {
    return { kind: 'unwired', reason: `add spring.config.import: ${source} under spring: in ${document.rel}`, command: './mvnw spring-boot:run' };
  }
  const eol = eolOf(text);
  const block = ['spring:', '  config:', `    import: "${source}"`];
  return { kind: 'wired', by: 'spring.config.import', changes: [{ rel: document.rel, edits: [insertLinesAt(text, text.length, block.join(eol).split(eol))] }] };
}
