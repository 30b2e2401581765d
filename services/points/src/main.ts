import { runStandalone } from '@hope/platform';
import { pointsService } from './points.service';

// One process per service (distributed mode); adapters are chosen from the environment.
void runStandalone(pointsService);
