import { runStandalone } from '@hope/platform';
import { matchingService } from './matching.service';

// One process per service (distributed mode); adapters are chosen from the environment.
void runStandalone(matchingService);
