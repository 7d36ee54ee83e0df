export type {
  ChoiceQuestion,
  DataExercise,
  DataExerciseAnswers,
  DataExerciseGrade,
  DataExerciseKey,
  ExerciseAnswerKey,
  ExerciseChoice,
  ExerciseGiven,
  ExerciseQuestion,
  ExerciseText,
  ExerciseUnit,
  GradedExerciseItem,
  NumberQuestion,
} from './data-exercise';
export {
  buildDataExercise,
  DATA_EXERCISE_KEYS,
  dataExerciseAnswersSchema,
  EXERCISE_TOLERANCE,
  gradeDataExercise,
} from './data-exercise';
