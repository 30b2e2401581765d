import { runStandalone } from '@hope/platform';
import { consultingService } from './consulting.service';

// One process per service (distributed mode); adapters are chosen from the environment.
void runStandalone(consultingService);
