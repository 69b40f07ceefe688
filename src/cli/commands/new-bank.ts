import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../errors.js';
import { packageRoot } from '../../paths.js';
import { hint } from '../invocation.js';

/** A starter bank: one question of each type, commented, valid as written. */
export function starterBank(schemaPath: string): string {
  return `# yaml-language-server: $schema=${schemaPath}
#
# A question bank for aif-quiz. Check it with:   aif-quiz validate --strict <this file>
# Practise with it:                              aif-quiz practice --bank <this file> --domain 1
# The full format: the "Authoring questions" section of the aif-quiz README.

domain: 1                     # every question of a file belongs to one exam domain (1-5)
title: My questions on AI and ML fundamentals

questions:
  # single: exactly 4 options, exactly one marked correct. Options are shuffled on screen.
  - id: my-1.1-supervised-labels       # unique and stable: your progress is kept under it
    task: "1.1"                        # task statement of the exam guide
    objective: "1.1.5"                 # objective of that task (guide v1.1 numbering)
    type: single
    difficulty: 2                      # 1 recall, 2 apply a rule, 3 two constraints
    reviewed: 2026-12-01               # the day you last checked it against AWS documentation
    stem: |
      A lender has 50,000 past loan applications, each marked "repaid" or "defaulted", and wants
      to predict the outcome of new applications. Which type of machine learning fits?
    options:
      - text: Supervised learning
        correct: true
        why: The past outcomes are labels; learning to predict a known label is supervised learning.
      - text: Unsupervised learning
        why: Unsupervised learning finds structure in unlabelled data, but these records are labelled.
      - text: Reinforcement learning
        why: Reinforcement learning learns from rewards by trial and error, not from labelled history.
      - text: Self-supervised learning
        why: Self-supervised learning makes its own labels from raw data; here real labels exist.
    explanation: |
      Labelled examples with a known target call for supervised learning: classification when the
      target is a category, as here, and regression when it is a number.
    references:
      - https://aws.amazon.com/what-is/machine-learning/

  # multiple: 5 or more options, 2 or more correct; the stem says how many ("Select TWO.").
  - id: my-1.2-speech-services
    task: "1.2"
    objective: "1.2.5"
    type: multiple
    difficulty: 1
    reviewed: 2026-12-01
    stem: |
      A call centre wants to turn recorded calls into text and to read written replies aloud to
      callers. Which AWS services meet these needs? (Select TWO.)
    options:
      - { text: Amazon Transcribe, correct: true, why: "It converts speech in recordings into text." }
      - { text: Amazon Polly, correct: true, why: "It converts written text into lifelike speech." }
      - { text: Amazon Textract, why: "It extracts text from documents and images, not from audio." }
      - { text: Amazon Translate, why: "It translates text between languages; it neither hears nor speaks." }
      - { text: Amazon Rekognition, why: "It analyses images and video, not speech." }
    explanation: Transcribe is speech-to-text and Polly is text-to-speech.
    references:
      - https://docs.aws.amazon.com/transcribe/latest/dg/what-is.html
      - https://docs.aws.amazon.com/polly/latest/dg/what-is.html

  # ordering: 3-5 steps, written here in the correct order; they are shuffled on screen.
  - id: my-1.3-lifecycle-order
    task: "1.3"
    objective: "1.3.1"
    type: ordering
    difficulty: 1
    reviewed: 2026-12-01
    stem: Put these stages of a machine learning project in the order they happen.
    steps:                             # each step can say why it stands where it does
      - { text: Collect and prepare the data, why: "Nothing can be learned before there is data to learn from." }
      - { text: Train and tune the model, why: "Training needs the prepared data and produces the model." }
      - { text: Evaluate the model, why: "Only a trained model can be measured against held-out data." }
      - { text: Deploy the model, why: "A model is deployed once its evaluation shows it is good enough." }
      - { text: Monitor the model in production, why: "Monitoring watches the deployed model for drift." }
    explanation: Data comes before training, evaluation before deployment, and monitoring after it.
    references:
      - https://docs.aws.amazon.com/wellarchitected/latest/machine-learning-lens/ml-lifecycle-phases.html

  # matching: 3-7 prompts, each with its answer; distractors match nothing.
  - id: my-1.2-service-matching
    task: "1.2"
    objective: "1.2.5"
    type: matching
    difficulty: 1
    reviewed: 2026-12-01
    stem: Match each need to the AWS service that meets it.
    pairs:
      - { prompt: Extract text and tables from scanned forms, answer: Amazon Textract, why: "Textract reads printed and handwritten documents." }
      - { prompt: Find the sentiment of customer reviews, answer: Amazon Comprehend, why: "Comprehend finds sentiment, entities and key phrases in text." }
      - { prompt: Recommend products to shoppers, answer: Amazon Personalize, why: "Personalize builds recommendations from user behaviour." }
    distractors: [Amazon Polly]
    explanation: Textract reads documents, Comprehend analyses text, Personalize recommends.
    references:
      - https://docs.aws.amazon.com/textract/latest/dg/what-is.html
`;
}

export function newBank(file: string, options: { force?: boolean }): void {
  if (fs.existsSync(file) && !options.force) {
    throw new UserError(`${file} already exists.`, 'Choose another name, or pass --force to overwrite it.');
  }
  const schema = path.join(packageRoot(), 'schema', 'bank.schema.json');
  try {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, starterBank(schema));
  } catch (error) {
    throw new UserError(`Cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  console.log(`Wrote ${file}: one question of each type. Check it with: ${hint(`validate --strict ${file}`)}`);
}
