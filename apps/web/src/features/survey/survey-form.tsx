import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Model } from 'survey-core';
import 'survey-core/survey-core.fontless.min.css';
import { Survey } from 'survey-react-ui';
import { useTRPC } from '../../lib/trpc.ts';
import { clearLocalDraft, type LocalDraft } from './local-draft.ts';
import { SaveStatusLine } from './save-status.tsx';
import { splitSurveyData } from './split-data.ts';
import { SubmitDialog } from './submit-dialog.tsx';
import { setUpSwedish } from './survey-locale.ts';
import { SURVEY_THEME } from './survey-theme.ts';
import { useAutosave } from './use-autosave.ts';

interface Props {
  userId: string;
  roundId: string;
  schoolUnitId: string;
  surveyJson: Record<string, unknown>;
  initial: LocalDraft;
  onSubmitted: (submittedOn: string) => void;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The only markup the questionnaire uses: **bold** for the step's label. */
function boldMarkdown(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
}

function unansweredCount(model: Model): { unanswered: number; total: number } {
  const indicators = model.getAllQuestions().filter((q) => q.getType() === 'radiogroup');
  return { unanswered: indicators.filter((q) => q.isEmpty()).length, total: indicators.length };
}

export function SurveyForm({ userId, roundId, schoolUnitId, surveyJson, initial, onSubmitted }: Props) {
  setUpSwedish();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const autosave = useAutosave({ userId, roundId, schoolUnitId, initial });
  const [confirming, setConfirming] = useState(false);
  const [counts, setCounts] = useState({ unanswered: 0, total: 0 });

  const model = useMemo(() => {
    const m = new Model(surveyJson);
    m.applyTheme(SURVEY_THEME);
    m.data = initial.data;
    m.onTextMarkdown.add((_, options) => {
      if (options.text.includes('**')) options.html = boldMarkdown(options.text);
    });
    return m;
  }, [surveyJson, initial]);

  const submit = useMutation(
    trpc.survey.submit.mutationOptions({
      onSuccess: async (result) => {
        autosave.stop();
        clearLocalDraft(userId, roundId, schoolUnitId);
        setConfirming(false);
        await queryClient.invalidateQueries({ queryKey: trpc.start.staff.queryKey() });
        onSubmitted(result.submittedOn);
      },
    }),
  );

  useEffect(() => {
    const onChange = (sender: Model) => autosave.change({ ...sender.data });
    const onCompleting = (sender: Model, options: { allow: boolean }) => {
      options.allow = false;
      setCounts(unansweredCount(sender));
      setConfirming(true);
    };
    const onPage = () => window.scrollTo({ top: 0 });
    model.onValueChanged.add(onChange);
    model.onCompleting.add(onCompleting);
    model.onCurrentPageChanged.add(onPage);
    return () => {
      model.onValueChanged.remove(onChange);
      model.onCompleting.remove(onCompleting);
      model.onCurrentPageChanged.remove(onPage);
    };
  }, [model, autosave.change]);

  const confirm = () => {
    if (submit.isPending) return;
    submit.mutate({ draftId: autosave.draft.current.draftId, roundId, schoolUnitId, ...splitSurveyData({ ...model.data }) });
  };

  return (
    <>
      <SaveStatusLine status={autosave.status} />
      <Survey model={model} />
      <SubmitDialog
        open={confirming}
        unanswered={counts.unanswered}
        total={counts.total}
        pending={submit.isPending}
        error={submit.isError ? submit.error.message : null}
        onConfirm={confirm}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
