import { describeWithKafka } from '../src/testing/describe-with-kafka';
import { DistributedRun } from '../src/testing/distributed-run';
import { checkStory, expectedStoryOutcome, playStory, storyCast } from '../src/testing/story';

/**
 * Issue 7: the whole story in the distributed run. Real Kafka and Redis, each service its own process,
 * two replicas of points sharing one event store (each with its own read models, as in production),
 * everything over HTTP (`playStory`: an organisation and its member, experts registered in matching, a
 * demand drafted, submitted and published, matched, answered with clues and plans, one plan shortlisted
 * and adopted, an interview paid with points booked and completed, an exchange meeting attended); then
 * (`checkStory`) every balance against the earning rules, read from both replicas, no movement recorded
 * twice, and each replica's read models equal to a rebuild.
 *
 * A private broker: consumer groups are named after the services, so two test files running the
 * services on one broker would share (and steal) each other's partitions.
 */
describeWithKafka('the whole story, distributed: separate processes, two points replicas, real Kafka and Redis', () => {
  jest.setTimeout(240_000);
  const distributed = new DistributedRun('story');
  const cast = storyCast(distributed.id);

  beforeAll(() => distributed.start({ services: ['demand', 'matching', 'consulting', 'points'], replicas: { points: 2 } }));
  afterAll(() => distributed.stop());

  it('ends with every balance the rules give, on both points replicas', async () => {
    await playStory(distributed, cast);
    expect(await checkStory(distributed, cast)).toEqual(expectedStoryOutcome(distributed, cast));
  });
});
