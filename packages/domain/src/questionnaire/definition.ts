import { z } from 'zod';
import { SCHOOL_FORMS } from '../school-forms/school-forms.ts';

/** A stable key: lower-case letters, digits and hyphens, dot-separated segments. */
const keySchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*$/, 'Nyckeln får bara innehålla a–z, 0–9, bindestreck och punkt');

const swedishText = z.string().trim().min(1, 'Texten får inte vara tom');

export const scaleStepSchema = z.object({
  value: z.number().int().min(1),
  label: swedishText,
});

export const scaleSchema = z
  .object({
    steps: z.array(scaleStepSchema).min(2).max(10),
    unknownLabel: swedishText,
  })
  .refine((s) => s.steps.every((step, i) => step.value === i + 1), {
    message: 'Skalstegen ska numreras 1, 2, 3 … i ordning',
  });

export const indicatorDefinitionSchema = z.object({
  key: keySchema,
  statement: swedishText,
  /** One criterion text per scale step, in step order. */
  criteria: z.array(swedishText).min(2),
  evidenceHints: z.array(swedishText).min(1).max(3),
});

export const areaDefinitionSchema = z.object({
  key: keySchema,
  title: swedishText,
  description: swedishText,
  indicators: z.array(indicatorDefinitionSchema).min(1),
});

export const questionnaireDefinitionSchema = z
  .object({
    key: keySchema,
    schoolForm: z.enum(SCHOOL_FORMS),
    version: z.number().int().min(1),
    title: swedishText,
    curriculum: swedishText,
    introduction: swedishText,
    scale: scaleSchema,
    areas: z.array(areaDefinitionSchema).min(1),
  })
  .superRefine((q, ctx) => {
    const seen = new Set<string>();
    for (const area of q.areas) {
      if (seen.has(area.key)) ctx.addIssue({ code: 'custom', message: `Områdesnyckeln ${area.key} förekommer flera gånger` });
      seen.add(area.key);
      for (const indicator of area.indicators) {
        if (seen.has(indicator.key)) ctx.addIssue({ code: 'custom', message: `Indikatornyckeln ${indicator.key} förekommer flera gånger` });
        seen.add(indicator.key);
        if (indicator.criteria.length !== q.scale.steps.length)
          ctx.addIssue({
            code: 'custom',
            message: `Indikatorn ${indicator.key} har ${indicator.criteria.length} kriterier men skalan har ${q.scale.steps.length} steg`,
          });
      }
    }
  });

export type Scale = z.infer<typeof scaleSchema>;
export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;
export type AreaDefinition = z.infer<typeof areaDefinitionSchema>;
export type QuestionnaireDefinition = z.infer<typeof questionnaireDefinitionSchema>;

/** The product's standard four-step scale without a neutral midpoint. */
export const STANDARD_SCALE: Scale = {
  steps: [
    { value: 1, label: 'Inte påbörjat' },
    { value: 2, label: 'Under utveckling' },
    { value: 3, label: 'Etablerat' },
    { value: 4, label: 'Genomsyrar verksamheten' },
  ],
  unknownLabel: 'Vet ej / ej aktuellt',
};
