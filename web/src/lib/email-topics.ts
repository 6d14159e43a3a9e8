/** The email topics a user may turn off, in words for sentences ("email about invitations to apply"). */
import { EMAIL_TOPIC_LABEL, EMAIL_TOPICS, type EmailTopic } from '../../../server/shared/vocabulary.ts';

export { EMAIL_TOPIC_LABEL, EMAIL_TOPICS };

/** The topic's label as the end of a sentence: "applications and their stages". */
export function aboutTopic(topic: EmailTopic): string {
  const label = EMAIL_TOPIC_LABEL[topic];
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** What the live region says once a switch has been saved. */
export function topicSwitched(topic: EmailTopic, on: boolean): string {
  return on
    ? `You will get email about ${aboutTopic(topic)}.`
    : `You will no longer get email about ${aboutTopic(topic)}.`;
}
