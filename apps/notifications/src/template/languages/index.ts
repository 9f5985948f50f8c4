import type { TemplateLanguage } from '../../notification/domain/vocabulary';
import type { LanguagePack } from '../catalog';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { it } from './it';
import { nl } from './nl';

/** Every template language's pack: a language missing here fails to compile. */
export const PACKS: Readonly<Record<TemplateLanguage, LanguagePack>> = { en, de, it, es, fr, nl };
