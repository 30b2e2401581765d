import { isStaff } from '@hope/kernel';
import { checkAvailability } from '../../availability/availability';
import { forbid } from '../../shared/forbid';
import type { InterviewEvent } from '../interview.events';
import type { CommandOf } from './checks';

export const publishAvailability = (cmd: CommandOf<'PublishAvailability'>): InterviewEvent[] => {
  const d = cmd.data;
  if (!(cmd.actor.role === 'expert' && cmd.actor.subject === d.expertId) && !isStaff(cmd.actor)) forbid('publish availability (the expert, or an operator)');
  checkAvailability(d);
  return [{ type: 'AvailabilityPublished', data: { expertId: d.expertId, timeZone: d.timeZone, weekly: [...d.weekly], exceptions: [...d.exceptions], at: cmd.metadata.now.toISOString() } }];
};
